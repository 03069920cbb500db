"""Readers: documents (DOCX, HTML) back to report data, driven by the one format description."""
