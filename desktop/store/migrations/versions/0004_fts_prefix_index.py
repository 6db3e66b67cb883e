"""fts prefix index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:45:00.000000

Search treats every word as a prefix (``"jal"*``). Without a prefix index FTS5 answers a prefix query by merging
the doclists of every term in the range; ``prefix='2 3'`` keeps ready-made doclists for the 2- and 3-character
prefixes a user types first. FTS5 cannot add a prefix index to an existing table, so the table is recreated with
the same columns and options (contentless, rowid = complaints.rowid, contentless_delete so the mirror's
``INSERT OR REPLACE`` and ``DELETE ... WHERE rowid`` keep working) and filled again from the complaints table with
the same columns the mirror writes (``desktop.store.mirror._FTS_SELECT``).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = "tracking_id, title, content, location, reporter"
_OPTIONS = "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'"
_SELECT = (
    "SELECT rowid, CAST(tracking_id AS TEXT), title, content, "
    "trim(coalesce(kecamatan, '') || ' ' || coalesce(desa, '')), "
    "CASE WHEN anonymous THEN '' ELSE coalesce(reporter_name, '') END FROM complaints"
)


def _recreate(options: str) -> None:
    op.execute("DROP TABLE IF EXISTS complaint_fts")
    op.execute(f"CREATE VIRTUAL TABLE complaint_fts USING fts5({_COLUMNS}, {options})")
    # A replica in the middle of its first sync (bulk_load) gets its index built by finish_bulk_load anyway.
    op.execute(f"INSERT INTO complaint_fts (rowid, {_COLUMNS}) {_SELECT}")


def upgrade() -> None:
    _recreate(f"{_OPTIONS}, prefix='2 3'")


def downgrade() -> None:
    _recreate(_OPTIONS)
