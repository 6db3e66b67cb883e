"""blob owners: who uploaded which blob, partial uploads per uploader

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:30:00

Every complete blob's uploader becomes its first owner. A `blobs` row now means verified bytes: the rows of uploads
still under way are dropped (parts are named per uploader now, so such an upload starts again from 0; the old
`<sha>.part` files are swept by `lapor-hub prune` like any stale part).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'blob_owners',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.String(length=36), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('mime', sa.String(length=127), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
        sa.PrimaryKeyConstraint('sha256', 'user_id'),
    )
    with op.batch_alter_table('blob_owners', schema=None) as batch_op:
        batch_op.create_index('ix_blob_owners_user_id', ['user_id'], unique=False)
    op.execute(
        "INSERT INTO blob_owners (sha256, user_id, size, mime, created_at, completed_at) "
        "SELECT b.sha256, b.uploaded_by, b.size, b.mime, b.created_at, COALESCE(b.completed_at, b.created_at) "
        "FROM blobs b JOIN users u ON u.id = b.uploaded_by WHERE b.complete"
    )
    op.execute("DELETE FROM blobs WHERE NOT complete")


def downgrade() -> None:
    # Uploads under way are forgotten: the old layout names parts differently, so they start again from 0.
    op.drop_table('blob_owners')
