"""Parts every screen uses: access, commands, live feed, snapshot, theme, keys, QR and votes."""
