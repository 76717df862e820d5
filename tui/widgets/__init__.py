"""The app's widgets, each named for its role."""
