; Colorizes a 16-bit grayscale page; the image keeps its precision.
(let* ((image (make-page PRECISION-U16-NON-LINEAR))
       (source (page-layer image))
       (before-samples (samples source))
       (before-histogram (value-histogram source)))
  (colorize image source)
  (check-new-layer image source before-samples before-histogram)
  (check "the image is still 16-bit"
         (= (gimp-image-get-precision image) PRECISION-U16-NON-LINEAR))
  (gimp-image-delete image))
(done)
