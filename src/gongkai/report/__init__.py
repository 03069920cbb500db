"""The annual report: the official format as data, the report model, its rules, renderers and parsers.

Plain Python: nothing here imports Django.
"""
