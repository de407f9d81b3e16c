"""Label Studio: the labeling config generated from the schema, tasks out, exports in, and the live server.

``config`` writes schema/label_config.xml, ``convert`` maps documents to result items and back, ``export`` reads
raw JSON exports (streaming, with a named annotation-choice policy), ``tasks`` builds import JSON, ``client`` talks
to a running server through label-studio-sdk (imported lazily) and ``server`` starts a local offline one.
"""
