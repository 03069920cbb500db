"""What the agencies app announces to the apps built on it (they connect in their AppConfig.ready; agencies imports
none of them). Sent explicitly by the admin after the change is saved, never from a model signal."""

from django.dispatch import Signal

# An agency was edited: the public pages that print its name (the portal listens). Arguments: agency_id.
agency_changed = Signal()

# A year's holiday schedule was entered or changed: every open application whose dates run into it is recomputed
# (applications listens and returns how many it moved). Arguments: year, actor.
calendar_year_changed = Signal()
