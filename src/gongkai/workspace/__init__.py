"""The staff workspace: 待我处理 (one inbox per person across roles), each agency's dashboard and audit trail, the
supervisor's and system admin's home, and the header's shortcuts to each kind of work. It reads the other apps'
models and selectors; no app imports it."""
