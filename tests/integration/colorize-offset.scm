; Colorizes a layer with alpha that sits at an offset in a larger image, through a selection
; given in image coordinates: the new layer covers the source, keeps its transparency and
; stays transparent outside the selection.
(let* ((image (make-page PRECISION-U8-NON-LINEAR))
       (source (page-layer image)))
  (gimp-image-resize image 160 120 20 10)  ; the layer now sits at (20, 10)
  (gimp-layer-add-alpha source)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 30 20 10 10)  ; layer pixels (10 10)+
  (gimp-drawable-edit-clear source)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 20 10 100 96)  ; layer pixels x < 100
  (let ((before-samples (samples source))
        (before-histogram (value-histogram source)))
    (colorize image source)
    (let ((new-layer (check-new-layer image source before-samples before-histogram)))
      (check "the new layer sits where the source does"
             (equal? (gimp-drawable-get-offsets new-layer) '(20 10)))
      (check "the new layer has the source's size"
             (and (= (gimp-drawable-get-width new-layer) 128)
                  (= (gimp-drawable-get-height new-layer) 96)))
      (check "the source's opaque pixels are opaque" (= (alpha-at new-layer 50 50) 255))
      (check "the source's transparent pixels stay transparent"
             (= (alpha-at new-layer 15 15) 0))
      (check "outside the selection the new layer is transparent"
             (= (alpha-at new-layer 110 50) 0))))
  (gimp-image-delete image))
(done)
