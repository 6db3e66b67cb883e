"""sign-in guard: failed sign-in throttle, refresh token families

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sign_in_throttles',
        sa.Column('scope', sa.String(length=8), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('locks', sa.Integer(), nullable=False),
        sa.Column('pending', sa.Integer(), nullable=False),
        sa.Column('pending_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('scope', 'key'),
    )
    with op.batch_alter_table('tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('parent_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('used_at', sa.DateTime(timezone=True), nullable=True))
    # Tokens issued before families existed cannot be linked to their pair: each becomes a family of its own.
    op.execute("UPDATE tokens SET family_id = token_hash")
    with op.batch_alter_table('tokens', schema=None) as batch_op:
        batch_op.alter_column('family_id', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index('ix_tokens_family_id', ['family_id'], unique=False)
        batch_op.create_index('ix_tokens_parent_hash', ['parent_hash'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tokens', schema=None) as batch_op:
        batch_op.drop_index('ix_tokens_parent_hash')
        batch_op.drop_index('ix_tokens_family_id')
        batch_op.drop_column('used_at')
        batch_op.drop_column('parent_hash')
        batch_op.drop_column('family_id')
    op.drop_table('sign_in_throttles')
