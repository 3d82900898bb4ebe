"""The floors: what bare PySide6, bare SQLite and bare reportlab do with the same work."""

BARE_WINDOW = """
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:  # idle once the first paint is done, as the application's window is measured
            self.painted = True
            QTimer.singleShot(0, lambda: (print("idle", time.process_time(), flush=True), app.quit()))


w = Window()
w.resize(1280, 800)
w.show()
app.exec()
"""
