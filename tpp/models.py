# Models for this app arrive with its own issue; the app exists from the start so that
# migrations and imports have a stable home (DESIGN.md §1).
