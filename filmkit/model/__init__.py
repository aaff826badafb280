"""The model layer: data loading, parameters and the models. It imports no widgets and draws nothing."""
