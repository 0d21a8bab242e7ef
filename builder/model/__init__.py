"""The pure model layer: line items defined once as expressions, evaluated without any I/O."""
