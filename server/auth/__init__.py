"""Signing in: passwords (Argon2id), devices with revocable opaque tokens, rate limits."""
