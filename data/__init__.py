"""The bundled dataset (meetings.json), read with importlib.resources."""
