"""The model and its storage: no Qt widgets here, so everything runs headless."""
