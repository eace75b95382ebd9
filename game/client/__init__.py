"""The pygame client: scenes, the map renderer, hot-seat and online play."""
