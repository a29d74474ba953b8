"""Store backends. Only this package imports database drivers."""
