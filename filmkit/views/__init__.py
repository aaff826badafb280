"""The view layer: charts, tables and widgets that show what the model computes."""
