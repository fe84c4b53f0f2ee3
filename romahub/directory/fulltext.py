"""Word search over services with SQLite's FTS5, kept in step by triggers.

On SQLite, a words search scanned every service's name and description with LIKE (about 90 ms at
50,000 services); the FTS5 index answers in a few milliseconds. It also ignores diacritics, so a
reader on a phone without a Slovak keyboard finds "služby" by typing "sluzby". Triggers on the
service and organisation tables (sql/service_text_sqlite.sql) keep the index in step with every
write, including bulk inserts and queryset updates that send no Django signal. The index, its
view and its triggers are dropped before every migrate and made again after it (apps.py): a
migration that remakes a table would renumber its rows, and SQLite would refuse to rename a table
while a trigger names a missing one. On PostgreSQL the
search keeps the LIKE filters in romahub.directory.search.
"""

from pathlib import Path

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import Expression

_SQL = Path(__file__).with_name("sql") / "service_text_sqlite.sql"
DROP = [
    "DROP TRIGGER IF EXISTS directory_service_text_organisation",
    "DROP TRIGGER IF EXISTS directory_service_text_delete",
    "DROP TRIGGER IF EXISTS directory_service_text_update",
    "DROP TRIGGER IF EXISTS directory_service_text_insert",
    "DROP VIEW IF EXISTS directory_service_text_source",
    "DROP TABLE IF EXISTS directory_service_text",
]


def create_statements() -> list[str]:
    text = "\n".join(line for line in _SQL.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
    return [statement.strip() for statement in text.split("\n\n") if statement.strip()]


def drop(using: str = "default") -> None:
    _execute(DROP, using)


def rebuild(using: str = "default") -> None:
    """Make the index again from the services."""
    _execute(DROP + create_statements(), using)


def _execute(statements: list[str], using: str) -> None:
    from django.db import connections

    with connections[using].cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def available() -> bool:
    return connection.vendor == "sqlite"


def match_expression(word: str) -> str:
    """An FTS5 query for one typed word: quoted (so no character is an operator), as a prefix."""
    return '"' + word.replace('"', '""') + '"*'


class _HasWord(Expression):
    """True for a service row whose text has a word that starts with the one given.

    On the row's own rowid: going through the id column took half as long again for common
    words. The row's table is named by the alias it has in the query being compiled, so the
    condition also holds inside a subquery, where Django renames the table (U0, U1, ...).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, word: str):
        super().__init__()
        self.word = word

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        # Only the alias is formatted in; the typed word is a parameter.
        sql = f"{table}.rowid IN (SELECT rowid FROM directory_service_text WHERE directory_service_text MATCH %s)"  # noqa: S608
        return sql, [match_expression(self.word)]


def matches(word: str) -> Expression:
    return _HasWord(word)
