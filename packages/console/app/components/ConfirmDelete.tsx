/**
 * Deleting by typing the name: the Delete button works only once the name is typed exactly. A
 * native modal <dialog>: focus stays inside, Escape cancels, the name field gets focus first.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

export function ConfirmDelete({ kind, name, onDelete, onCancel }: { kind: string; name: string; onDelete: () => Promise<void>; onCancel: () => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d !== null && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">
        Delete {kind} {name}?
      </h2>
      <p>This cannot be undone. Type <strong>{name}</strong> to confirm.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          onDelete().catch((err: unknown) => {
            setError(err instanceof ApiError ? err.message : String(err));
            setBusy(false);
          });
        }}
      >
        <label>
          {kind[0]!.toUpperCase() + kind.slice(1)} name
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </label>
        {error !== undefined && <p className="error" role="alert">{error}</p>}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={typed !== name || busy}>
            Delete
          </button>
        </div>
      </form>
    </dialog>
  );
}
