"""File formats: plain data in, text out (and back). No Qt, no database."""
