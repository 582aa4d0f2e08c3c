/** Stands in for `crypto-js/sha256` inside the bundled authing-js-sdk: see ./crypto-js. */
import { SHA256 } from './crypto-js';

export default SHA256;
