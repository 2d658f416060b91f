"""What the kit's web server needs beyond its pages: login links, headers, limits, private files."""
