"""The floors: what bare PySide6, bare SQLite and bare reportlab do with the same work."""

BARE_WINDOW = """
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.resize(1280, 800)
w.show()
QTimer.singleShot(0, lambda: (print("idle", time.process_time(), flush=True), app.quit()))
app.exec()
"""
