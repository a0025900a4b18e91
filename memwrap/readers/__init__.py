"""One small reader per session format; memwrap.transcript picks the right one."""
