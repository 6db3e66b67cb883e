"""follow-up writers

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:30:00.000000

The hub now sends ``writer_ids`` with every follow-up (everyone who wrote or changed its text): the desk hides
Approve and Return from a supervisor among them. Rows mirrored before keep NULL until the follow-up changes on the
hub; until then the desk counts the author only (``desktop.domain.roles.followup_writers``) and the hub, which
knows every writer, still refuses such an approval with ``own_followup``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("writer_ids", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_column("writer_ids")
