"""blobs, history floor, retention timestamps

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'blobs',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('mime', sa.String(length=127), nullable=False),
        sa.Column('complete', sa.Boolean(), nullable=False),
        sa.Column('uploaded_by', sa.String(length=36), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('sha256'),
    )
    with op.batch_alter_table('feed_counter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('floor', sa.BigInteger(), server_default='0', nullable=False))
    # SQLite cannot ADD COLUMN with a non-constant default: rebuild that table there (it copies the rows).
    recreate = 'always' if op.get_bind().dialect.name == 'sqlite' else 'auto'
    with op.batch_alter_table('complaint_departures', schema=None, recreate=recreate) as batch_op:
        batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True),
                                      server_default=sa.func.now(), nullable=False))
        batch_op.create_index('ix_complaint_departures_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('op_results', schema=None) as batch_op:
        batch_op.create_index('ix_op_results_created_at', ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('op_results', schema=None) as batch_op:
        batch_op.drop_index('ix_op_results_created_at')
    with op.batch_alter_table('complaint_departures', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_departures_created_at')
        batch_op.drop_column('created_at')
    with op.batch_alter_table('feed_counter', schema=None) as batch_op:
        batch_op.drop_column('floor')
    op.drop_table('blobs')
