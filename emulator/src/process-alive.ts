/**
 * Whether a process id still belongs to a running process: how the emulator tells a partial upload
 * left by an emulator that died from one still being written, and how the test run tells a record
 * file of a jest still running from one left behind. Signal 0 checks without signalling; EPERM
 * means the process runs under another user.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
