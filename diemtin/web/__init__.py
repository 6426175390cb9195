"""The web reader (server-rendered Vietnamese pages) and the JSON API over the store."""
