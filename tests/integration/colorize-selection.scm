; Colorizes only a rectangular selection: the new layer is transparent outside it.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 32 24 64 48)
  ; Taken with the selection in place, as check-new-layer takes them afterwards.
  (let ((before-samples (samples source))
        (before-histogram (value-histogram source)))
    (colorize image source)
    (let ((new-layer (check-new-layer image source before-samples before-histogram)))
      (check "inside the selection the new layer is opaque" (= (alpha-at new-layer 64 48) 255))
      (check "outside the selection the new layer is transparent"
             (= (alpha-at new-layer 10 10) 0))))
  (gimp-image-delete image))
(done)
