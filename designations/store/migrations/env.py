"""
Alembic environment for the registry's shipped migrations.

Run only programmatically, from `designations.store.migrate`: the caller
passes an open connection in `config.attributes["connection"]`, inside the
transaction it owns, so a failed upgrade leaves the store as it was.
"""

from __future__ import annotations

from alembic import context

from designations.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached through `alembic` on the command line
    msg = "run the registry's migrations through `designations db upgrade`"
    raise RuntimeError(msg)

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
