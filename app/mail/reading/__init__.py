"""Reading mail: raw RFC 822 bytes to what a person sees (MIME, charsets, HTML made safe,
attachments, conversations).  Pure functions over bytes; no database writes, no Qt."""
