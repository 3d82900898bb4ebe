"""A lazily loaded table over a list of record ids: the query returns ids, rows are fetched a page at a time.

Subclasses name their columns and give two functions: ``fetch_ids(sort_key, descending)`` (the
filtered, SQL-sorted id list) and ``fetch_rows(ids)`` (the row objects for a page of ids).

A subclass with a ``WINDOW`` reads its ids in windows: ``fetch_ids(..., limit=WINDOW)`` gives
the first screenful at once, and the whole list (and so the count) follows from a worker
thread; ``complete`` is emitted when it has arrived. Whoever needs the whole list at once
(finding a record's row) reads the rest on the spot. ``hold_rest()`` keeps that worker from
starting until ``release_rest()`` (the window's first paint comes first).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from servicedesk.core.store.db import StorageError

RecordIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

PAGE = 200


class IdListModel(QAbstractTableModel):
    COLUMNS: tuple[tuple[str, str], ...] = ()  # (header, sort key)
    WINDOW = 0  # ids read at once before the rest; 0: all at once
    complete = Signal()  # the whole id list is known: rowCount() is the count

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ids: list[int] = []
        self._cache: dict[int, object] = {}
        self._sort_column = 0
        self._descending = False
        self._loaded = False
        self._complete = True
        self._generation = 0
        self.pending = None  # the operation reading the rest of the ids
        self._held: bool = False  # reading the rest waits for release_rest()
        self._held_rest: tuple | None = None  # (sort key, descending, generation) to read once released

    # -- to implement
    def fetch_ids(self, sort_key: str, descending: bool) -> list[int]:
        raise NotImplementedError

    def fetch_rows(self, ids: list[int]) -> list:
        raise NotImplementedError

    def display(self, row, column: int):
        raise NotImplementedError

    def sort_value(self, row, column: int):
        return self.display(row, column)

    def decorate(self, row, column: int, role):
        return None

    # -- loading
    def reload(self) -> None:
        self._generation += 1
        key = self.COLUMNS[self._sort_column][1]
        self.beginResetModel()
        if self.WINDOW:
            self._ids = self.fetch_ids(key, self._descending, limit=self.WINDOW)
            self._complete = len(self._ids) < self.WINDOW
        else:
            self._ids = self.fetch_ids(key, self._descending)
            self._complete = True
        self._loaded = True
        self._cache.clear()
        self.endResetModel()
        if self._complete:
            self.pending = None
            self.complete.emit()
        else:
            self._read_the_rest(key, self._descending, self._generation)

    def is_complete(self) -> bool:
        return self._complete

    def hold_rest(self) -> None:
        """Read no more than the first screenful until ``release_rest()``."""
        self._held = True

    def release_rest(self) -> None:
        self._held = False
        held, self._held_rest = self._held_rest, None
        if held is not None and held[2] == self._generation and not self._complete:
            self._read_the_rest(*held)

    def _read_the_rest(self, key: str, descending: bool, generation: int) -> None:
        from servicedesk.ui import operations

        if self._held:
            self._held_rest = (key, descending, generation)
            return

        self.pending = operations.run(self, lambda _step: self.fetch_ids(key, descending),
                                      lambda ids: self._rest_arrived(ids, generation),
                                      lambda exc: self._rest_failed(exc, generation), name="listIds")

    def _rest_arrived(self, ids: list[int], generation: int) -> None:
        if generation != self._generation or self._complete:
            return  # a newer search was typed meanwhile, or the rest was read on the spot
        self._set_all(ids)

    def _rest_failed(self, exc: BaseException, generation: int) -> None:
        if generation == self._generation and not self._complete:
            self.complete_now()

    def _set_all(self, ids: list[int]) -> None:
        shown = len(self._ids)
        if ids[:shown] == self._ids and len(ids) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids = ids
            self.endInsertRows()
        elif ids != self._ids:  # the office changed between the two reads
            self.beginResetModel()
            self._ids = ids
            self._cache.clear()
            self.endResetModel()
        self._complete = True
        self.complete.emit()

    def complete_now(self) -> None:
        """Read the whole id list on the spot (no waiting for the worker)."""
        if not self._complete:
            self._set_all(self.fetch_ids(self.COLUMNS[self._sort_column][1], self._descending))

    def invalidate_rows(self) -> None:
        """Forget cached rows (after an edit) without changing the list."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def record_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            if self._complete:
                return -1
        self.complete_now()
        return self.row_of(record_id)

    def _row(self, row: int):
        record_id = self._ids[row]
        if record_id not in self._cache:
            start = (row // PAGE) * PAGE
            page = self._ids[start:start + PAGE]
            try:
                fetched = self.fetch_rows(page)
            except StorageError:  # the office server is away: blank rows now, read again when it is back
                return None
            for item in fetched:
                self._cache[item.id] = item
            if len(self._cache) > 20 * PAGE:  # keep memory flat while scrolling far
                keep = set(page)
                self._cache = {k: v for k, v in self._cache.items() if k in keep}
        return self._cache.get(record_id)

    # -- Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return self.tr(self.COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == RecordIdRole:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == SortRole:
            return self.sort_value(row, index.column())
        return self.decorate(row, index.column(), role)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.COLUMNS)):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded and (column, descending) == (self._sort_column, self._descending):
            return  # already in that order
        self._sort_column, self._descending = column, descending
        self.reload()
