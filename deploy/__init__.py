"""Running a class: a local JupyterHub (hub.py), a scripted student (classroom.py), Kubernetes and image files."""
