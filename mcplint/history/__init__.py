"""Git history as a second source of files: every version of every config a repository ever held."""
