// The registrar's photo of one person: the workstation camera (getUserMedia) or, where there is
// none, a picture file; either is cropped here to the passport frame (35 × 45) and saved as JPEG.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { t } from '../i18n';
import { Problem } from './Problem';

const W = 300;
const H = 385; // 35 × 45 mm

/** Draws the centre of a source (video frame or image) into a 300 × 385 canvas, as a JPEG blob. */
function cropToFrame(src: CanvasImageSource, sw: number, sh: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d')!;
  const aspect = W / H;
  let cw = sw, ch = sh;
  if (sw / sh > aspect) cw = sh * aspect;
  else ch = sw / aspect;
  ctx.drawImage(src, (sw - cw) / 2, (sh - ch) / 2, cw, ch, 0, 0, W, H);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.85));
}

export function PhotoImage({ applicantId, version, name }: { applicantId: string; version?: string; name: string }) {
  const src = `/api/applicants/${encodeURIComponent(applicantId)}/photo${version ? '?v=' + version : ''}`;
  // The address that failed, not a flag: an error that arrives before an effect could reset a
  // flag would leave a broken image, and a new photo (a new address) is tried afresh.
  const [failed, setFailed] = useState('');
  if (failed === src) return <div class="photo none" data-testid="no-photo">{t('photo.none')}</div>;
  return (
    <img class="photo" width={105} height={135} alt={t('photo.of', { name })} data-testid="photo"
      src={src} onError={() => setFailed(src)} />
  );
}

export function PhotoCapture({ applicantId, name }: { applicantId: string; name: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [noCamera, setNoCamera] = useState(false);
  const [shot, setShot] = useState<Blob | null>(null);
  const [version, setVersion] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => () => stream?.getTracks().forEach((tr) => tr.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const start = async () => {
    setShot(null);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false }));
    } catch {
      setNoCamera(true);
    }
  };
  const capture = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    setShot(await cropToFrame(v, v.videoWidth, v.videoHeight));
    stream?.getTracks().forEach((tr) => tr.stop());
    setStream(null);
  };
  const fromFile = async (f: File | undefined) => {
    if (!f) return;
    const bmp = await createImageBitmap(f);
    setShot(await cropToFrame(bmp, bmp.width, bmp.height));
  };
  const save = async () => {
    if (!shot) return;
    setSaving(true);
    setError(null);
    const form = new FormData();
    form.append('file', shot, 'photo.jpg');
    try {
      const p = await request<{ sha256: string }>('POST', `/applicants/${encodeURIComponent(applicantId)}/photo`, { form });
      setVersion(p.sha256);
      setShot(null);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', ''));
    } finally {
      setSaving(false);
    }
  };

  const shotURL = shot ? URL.createObjectURL(shot) : '';
  return (
    <div class="card photo-capture" data-testid={`photo-${applicantId}`}>
      <h3>{name}</h3>
      <div class="row">
        <PhotoImage applicantId={applicantId} version={version} name={name} />
        {stream && <video ref={video} autoplay muted playsInline width={240} height={180} aria-label={t('photo.camera')} />}
        {shot && <img src={shotURL} width={105} height={135} alt={t('photo.preview')} data-testid="photo-preview" />}
      </div>
      <div class="actions">
        {!stream && !noCamera && <button type="button" class="secondary" onClick={() => void start()}>{t('photo.take')}</button>}
        {stream && <button type="button" onClick={() => void capture()}>{t('photo.capture')}</button>}
        <label class="file">
          {noCamera ? t('photo.no_camera') + ' ' : ''}{t('photo.file')}
          <input type="file" accept="image/jpeg,image/png" onChange={(e) => void fromFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
        {shot && <button type="button" disabled={saving} onClick={() => void save()}>{t('photo.save')}</button>}
      </div>
      {version && <p role="status">{t('photo.saved')}</p>}
      <Problem error={error} />
    </div>
  );
}
