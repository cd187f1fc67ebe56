"""Settings and URLs used only by bench/pages.py: production settings plus a bare view."""
