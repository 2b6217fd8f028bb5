"""What a user or a public visitor may load and see: permissions and public-mode privacy."""
