"""Draft → document blocks (through the template pack's Jinja) → DOCX; no Qt widgets here."""
