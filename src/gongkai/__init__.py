"""gongkai (公开): government information disclosure under the 政府信息公开条例."""

__version__ = "0.1.0"
