// Goes to a #/page, drawing it even when the hash is already there (no hashchange fires then).
export function go(hash, refresh) {
  if (location.hash === hash) refresh();
  else location.hash = hash;
}
