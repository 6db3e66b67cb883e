"""follow-up writers: every user who wrote or changed a follow-up's text (four eyes)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 12:30:00

Edits were not tracked before: an existing follow-up's writers are its author. (A supervisor who edited
someone's draft before this revision is not known; approvals made from now on check every later writer.)
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# One JSON array holding the author's id, as each database builds it.
_AUTHOR_ONLY = {'sqlite': 'json_array(author_id)', 'postgresql': 'json_build_array(author_id)'}


def upgrade() -> None:
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('writer_ids', sa.JSON(), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute(f'UPDATE followups SET writer_ids = {_AUTHOR_ONLY[dialect]}')
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.alter_column('writer_ids', existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_column('writer_ids')
