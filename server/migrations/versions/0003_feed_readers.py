"""feed readers: rebuilds that may page below the floor

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'feed_readers',
        sa.Column('user_id', sa.String(length=36), nullable=False),
        sa.Column('device_id', sa.String(length=128), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('user_id', 'device_id'),
    )
    with op.batch_alter_table('feed_counter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('floor_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('feed_counter', schema=None) as batch_op:
        batch_op.drop_column('floor_at')
    op.drop_table('feed_readers')
