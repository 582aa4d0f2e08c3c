/** The last result on a page: success (green), fail (red) or cancel (grey, not an error). */
Component({
  properties: {
    /** { type: 'success' | 'fail' | 'cancel', title, lines: string[] } or null. */
    notice: { type: Object, value: null },
  },
});
