"""The `id` path converter: a row's id as the database can hold it.

Django's `int` converter takes any number of digits. A lookup by primary key is guarded
against numbers past the column, but a lookup through a foreign key (`article_id=…`) is not,
and SQLite then raises OverflowError: a 500 for a typed address. An `id` past a bigint does
not match, so the address answers 404.
"""

LARGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError("past the largest id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
