// A picture of one's own for the photo or the style: one button to choose it, or a drop on its zone; its name and
// size shown at once, and any problem (not a picture the server reads, over its upload limit) said before Start.
const $ = (id) => document.getElementById(id);
const READABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/bmp']);
let maxUploadBytes = 20 * 1024 * 1024;   // the server's, once /api/health has answered
const megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The server's limit, from /api/health. */
export function setMaxUploadBytes(bytes) {
  maxUploadBytes = bytes;
}

/** Whether the server can take this file: a picture it reads, within its upload limit; the problem if not. */
async function problemWith(file) {
  if (file.size > maxUploadBytes) return `${file.name} is ${megabytes(file.size)}: uploads are at most ${megabytes(maxUploadBytes)}`;
  if (!READABLE.has(file.type)) return `${file.name} is not a PNG, JPEG, GIF or BMP image`;
  try {
    (await createImageBitmap(file)).close();
    return null;
  } catch {
    return `${file.name} is not a PNG, JPEG, GIF or BMP image (it cannot be read as one)`;
  }
}

/**
 * Wires the {@code kind} ('content' or 'style') upload: {@code accept(file)} for a file the server can take,
 * {@code refuse(file, problem)} for one it cannot.
 */
export function wireUpload(kind, { accept, refuse }) {
  const input = $(`${kind}-file`);
  const zone = $(`${kind}-drop`);
  const status = $(`${kind}-file-status`);
  const take = async (file) => {
    if (!file) return;
    status.classList.remove('problem');
    status.textContent = `${file.name} (${megabytes(file.size)}): checking…`;
    const problem = await problemWith(file);
    if (problem) {
      status.classList.add('problem');
      status.textContent = problem;
      refuse(file, problem);
      return;
    }
    status.textContent = `${file.name} (${megabytes(file.size)})`;
    accept(file);
  };
  input.onchange = () => take(input.files[0]);
  zone.ondragover = (e) => { e.preventDefault(); zone.classList.add('over'); };
  zone.ondragleave = () => zone.classList.remove('over');
  zone.ondrop = (e) => { e.preventDefault(); zone.classList.remove('over'); take(e.dataTransfer.files[0]); };
}
