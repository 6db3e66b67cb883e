"""conflicts and blobs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 08:00:00.000000

- ``conflicts``: an op the hub answered ``conflict`` (or a departure), with both sides (mine = the op and my local
  record, theirs = the hub's ``current``) and, for follow-up texts, the three texts of a three-way compare; resolved
  conflicts stay as history (``state = 'resolved'`` with the choice and the op that carried it).
- ``blobs``: the content-addressed attachment store of this replica (files under ``<replica>-blobs/``, encrypted);
  ``upload_state`` / ``upload_offset`` for the resumable upload lane, ``local_size`` for resumable downloads.
- ``outbox.blob_sha256``: an ``attachment.add`` op waits until its blob is complete on the hub.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('conflicts',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('op_id', sa.String(), nullable=True),
    sa.Column('complaint_id', sa.String(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('record_type', sa.String(), nullable=False),
    sa.Column('target', sa.String(), nullable=True),
    sa.Column('reason', sa.String(), nullable=True),
    sa.Column('mine', sa.JSON(), nullable=True),
    sa.Column('theirs', sa.JSON(), nullable=True),
    sa.Column('theirs_version', sa.Integer(), nullable=True),
    sa.Column('base_text', sa.Text(), nullable=True),
    sa.Column('mine_text', sa.Text(), nullable=True),
    sa.Column('theirs_text', sa.Text(), nullable=True),
    sa.Column('state', sa.String(), server_default='open', nullable=False),
    sa.Column('resolution', sa.String(), nullable=True),
    sa.Column('resolved_op_id', sa.String(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('resolved_at', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index('ix_conflicts_complaint_id', ['complaint_id'], unique=False)
        batch_op.create_index('ix_conflicts_op_id', ['op_id'], unique=False)
        batch_op.create_index('ix_conflicts_state', ['state'], unique=False)

    op.create_table('blobs',
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(), nullable=True),
    sa.Column('filename', sa.String(), nullable=True),
    sa.Column('local_size', sa.Integer(), server_default='0', nullable=False),
    sa.Column('upload_state', sa.String(), server_default='none', nullable=False),
    sa.Column('upload_offset', sa.Integer(), server_default='0', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('error', sa.String(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('sha256')
    )
    with op.batch_alter_table('blobs', schema=None) as batch_op:
        batch_op.create_index('ix_blobs_upload_state', ['upload_state'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('blob_sha256', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('blob_sha256')
    with op.batch_alter_table('blobs', schema=None) as batch_op:
        batch_op.drop_index('ix_blobs_upload_state')
    op.drop_table('blobs')
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_index('ix_conflicts_state')
        batch_op.drop_index('ix_conflicts_op_id')
        batch_op.drop_index('ix_conflicts_complaint_id')
    op.drop_table('conflicts')
