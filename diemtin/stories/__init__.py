"""Stories: articles from different outlets about one event, grouped as they arrive."""
