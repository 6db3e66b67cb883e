"""The desk's application layer, headless: what a user can do, composed from the store, sync and account.

``session`` (one signed-in account and its replica), ``signin`` (signing in, resuming, the demo), ``queries`` (the
queue model's reads), and one module per group of actions: ``complaints`` (dispositions, notes, assignment, status),
``followups``, ``attachments``, ``conflicts``. Every action is one store transaction and returns the
:class:`~desktop.app.changes.Changes` it made, so the window refreshes only what changed.

Nothing here imports Qt: the window (``desktop/ui``) runs these functions on its background lanes, and the tests
call them directly.
"""
