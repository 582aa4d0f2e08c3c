/** Injected by the playground build wherever the simulator names the global `Buffer`. */
export { Buffer } from 'buffer';
