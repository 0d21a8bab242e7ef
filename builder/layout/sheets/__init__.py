"""One module per worksheet: each lists what its sheet shows, in reading order."""
